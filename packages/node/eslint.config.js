import shared from "../../eslint.config.js";

export default [...shared, { ignores: ["src/storage/generated/**"] }];
