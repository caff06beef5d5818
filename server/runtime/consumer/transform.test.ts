import { describe } from "vitest";
import { transformEvaluatorContract } from "../testing/transform-contract";
import { inProcessTransforms } from "./transform";

describe("in-process transforms", () => {
  transformEvaluatorContract(inProcessTransforms);
});
