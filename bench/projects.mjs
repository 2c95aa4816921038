// The generated projects the benchmarks run on, the same text as `generated()` in
// crate/benches/load.rs: every service has an image, environment, a port, a volume and a
// health check, every fifth builds, and each depends on the one before.
export function generated(services) {
  const parts = ['name: generated\nservices:\n'];
  for (let n = 0; n < services; n += 1) {
    parts.push(
      `  svc${n}:\n    image: registry.example.com/team/svc${n}:1.${n}\n    environment:\n` +
        `      LOG_LEVEL: \${LOG_LEVEL:-info}\n      PEER_URL: http://svc${(n + 1) % services}:8080\n` +
        `    ports:\n      - "${10000 + n}:8080"\n    volumes:\n      - data${n}:/var/lib/data\n` +
        `    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n` +
        `      interval: 10s\n`,
    );
    if (n % 5 === 0) parts.push(`    build: ./svc${n}\n`);
    if (n > 0) parts.push(`    depends_on:\n      svc${n - 1}:\n        condition: service_healthy\n`);
  }
  parts.push('volumes:\n');
  for (let n = 0; n < services; n += 1) parts.push(`  data${n}:\n`);
  return parts.join('');
}

export const SIZES = [10, 100, 1_000, 5_000];
