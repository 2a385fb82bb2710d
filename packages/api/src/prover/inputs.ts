import { z } from "zod";

/** zod schemas of the prover procedures' inputs. */

const decimal = z.string().regex(/^\d{1,78}$/, "a decimal field element");
const jobId = z.string().regex(/^\d{1,20}$/, "a job id (decimal)");

export const proverLoginInput = z.object({
  /** The worker's name: jobs are held in its name, `stopped` releases them. */
  name: z.string().regex(/^[A-Za-z0-9._:@-]{1,64}$/, "a prover name (1–64 of A-Z a-z 0-9 . _ : @ -)"),
  secret: z.string().min(1).max(1024),
});

export const proverGetJobInput = z.object({
  /** Block sizes (chunks) the worker has proving keys for. */
  chunkSizes: z.array(z.number().int().min(1).max(1_000_000)).min(1).max(64),
});

export const proverJobInput = z.object({ jobId });

/** snarkjs' proof.json for Groth16. */
export const groth16ProofInput = z.object({
  pi_a: z.array(decimal).length(3),
  pi_b: z.array(z.array(decimal).length(2)).length(3),
  pi_c: z.array(decimal).length(3),
  protocol: z.literal("groth16"),
  curve: z.string().min(1).max(16),
});

export const proverPublishInput = z.object({
  jobId,
  proof: groth16ProofInput,
  /** snarkjs' public.json */
  publicSignals: z.array(decimal).min(1).max(64),
});

export type Groth16ProofJson = z.infer<typeof groth16ProofInput>;
