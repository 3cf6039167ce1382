/**
 * Reads the description of the running test stack that `npm test` passes to the
 * test runner. A missing variable means the tests were started without the stack.
 */
export function stackEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: integration tests need the real stack; run them with \`npm test\`.`);
  }
  return value;
}
