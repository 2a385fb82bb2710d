#!/usr/bin/env bash
# Steps of a real multi-party Groth16 phase-2 ceremony for one zkLite circuit, with snarkjs 0.7.6.
# See keys/README.md for who runs what, and in which order. Every step is a plain snarkjs command so
# that participants can audit (or replace) this script.
#
#   ceremony.sh init        CIRCUIT.r1cs PHASE1.ptau OUT_0000.zkey
#   ceremony.sh contribute  IN.zkey OUT.zkey "participant name"      (asks for entropy interactively)
#   ceremony.sh verify      CIRCUIT.r1cs PHASE1.ptau LATEST.zkey      (checks the whole contribution chain)
#   ceremony.sh beacon      IN.zkey OUT_final.zkey BEACON_HEX [ITERATIONS_EXP=10]
#   ceremony.sh export      FINAL.zkey OUT_DIR                        (verification key + Solidity verifier)
set -euo pipefail
SNARKJS=(npx --no-install snarkjs)
step="${1:-}"; shift || true
case "$step" in
  init)       "${SNARKJS[@]}" groth16 setup "$1" "$2" "$3" ;;
  contribute) "${SNARKJS[@]}" zkey contribute "$1" "$2" --name="$3" -v ;;
  verify)     "${SNARKJS[@]}" zkey verify "$1" "$2" "$3" ;;
  beacon)     "${SNARKJS[@]}" zkey beacon "$1" "$2" "$3" "${4:-10}" -n="zkLite final beacon" ;;
  export)
    mkdir -p "$2"
    "${SNARKJS[@]}" zkey export verificationkey "$1" "$2/verification_key.json"
    "${SNARKJS[@]}" zkey export solidityverifier "$1" "$2/verifier.sol" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
