/**
 * Erlang C: the staffing estimate of a call centre with Poisson arrivals, exponential handle times and no
 * abandonment. Everything in one unit of time (seconds).
 */

/** Probability that an arrival has to wait, with `servers` servers and `traffic` Erlangs (λ × handle time). */
export function erlangC(servers: number, traffic: number): number {
  if (servers <= traffic) return 1;
  // Erlang B by its stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (traffic * b) / (k + traffic * b);
  return b / (1 - (traffic / servers) * (1 - b));
}

/** Share answered within `targetSeconds`: 1 − C · e^(−(N − A) · T / AHT). */
export function serviceLevel(servers: number, traffic: number, targetSeconds: number, handleSeconds: number): number {
  if (servers <= traffic) return 0;
  return 1 - erlangC(servers, traffic) * Math.exp((-(servers - traffic) * targetSeconds) / handleSeconds);
}

/**
 * The fewest agents that reach the service level target, each working `concurrency` chats at once (a chat agent
 * with 2 conversations counts as 2 servers, with the per-chat handle time).
 */
export function agentsNeeded(options: {
  arrivalsPerHour: number;
  handleSeconds: number;
  targetSeconds: number;
  targetServiceLevel: number;
  concurrency: number;
}): number {
  const traffic = (options.arrivalsPerHour / 3600) * options.handleSeconds;
  for (let agents = 1; agents < 10_000; agents++) {
    const servers = agents * options.concurrency;
    if (serviceLevel(servers, traffic, options.targetSeconds, options.handleSeconds) >= options.targetServiceLevel)
      return agents;
  }
  return Number.POSITIVE_INFINITY;
}
