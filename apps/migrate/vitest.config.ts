import { mnemoProject } from "../../tooling/vitest/project.ts";

export default mnemoProject("migrate");
