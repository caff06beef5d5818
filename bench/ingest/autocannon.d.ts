/** The part of autocannon's API this benchmark uses (the package ships no types). */
declare module "autocannon" {
  interface Result {
    "2xx": number;
    non2xx: number;
    latency: { p99: number };
  }
  function autocannon(options: Record<string, unknown>): Promise<Result>;
  export default autocannon;
}
