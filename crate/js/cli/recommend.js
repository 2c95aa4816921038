// `recommend PROFILE`: the recommended architecture for a requirements profile, as a
// short text summary or as the full JSON.
import { recommend as recommendArchitecture } from '../node.js';
import { choice, positionals, readArguments } from './args.js';
import { EXIT, InputError } from './errors.js';
import { readProfile } from './files.js';

export const RECOMMEND_HELP = `usage: compose-architect recommend PROFILE [--format text|json]

Recommends a stack and an architecture for a requirements profile (a YAML or JSON file;
a name ending in .json is read as JSON). The text form summarizes each decision with its
first reason; the JSON form is the whole recommendation, alternatives and open questions
included.`;

export async function recommend(args, io) {
  const { values, positionals: found } = readArguments(args, { format: { type: 'string' } });
  if (values.help) {
    io.out.write(`${RECOMMEND_HELP}\n`);
    return EXIT.ok;
  }
  const format = choice('format', values.format, ['text', 'json'], 'text');
  const [path] = positionals(found, ['PROFILE']);

  const profile = readProfile(path, io);
  let recommendation;
  try {
    recommendation = recommendArchitecture(profile);
  } catch (error) {
    throw new InputError(`${path}: ${error.message}`);
  }

  io.out.write(format === 'json' ? `${JSON.stringify(recommendation, null, 2)}\n` : summary(recommendation));
  return EXIT.ok;
}

/** The recommendation in a few lines per decision. */
function summary(recommendation) {
  const lines = [];
  const decision = (label, d) => {
    lines.push(`${label}: ${d.name} (${d.choice}, score ${d.score})`);
    if (d.reasons.length > 0) lines.push(`  because ${d.reasons[0]}`);
  };

  decision('pattern', recommendation.pattern);
  decision('framework', recommendation.framework);
  decision('database', recommendation.database);
  decision('cache', recommendation.cache);
  decision('queue', recommendation.queue);
  decision('object storage', recommendation.objectStorage);
  for (const store of recommendation.stores) decision('further store', store);

  const { tenancy, sla } = recommendation;
  lines.push(`tenancy: ${tenancy.model.name} (app tier ${tenancy.appTier.choice}, data tier ${tenancy.dataTier.choice})`);
  for (const plan of recommendation.deployments) {
    lines.push(`deployment for ${plan.segment}: ${plan.decision.name}`);
  }
  lines.push(
    `availability: ${sla.uptime}% with ${sla.topology.name}, ${sla.zones} zone(s), ${sla.regions} region(s), ` +
      `${sla.replicas} replica(s) per stateless service; ${sla.downtimeMinutesPerMonth.toFixed(1)} minutes of downtime a month`,
  );
  for (const control of recommendation.compliance) {
    lines.push(`compliance ${control.name}: ${control.requirements.length} requirement(s)`);
  }
  lines.push(`plans: ${recommendation.plans.map((plan) => plan.name).join(', ')}`);
  for (const conflict of recommendation.conflicts) {
    lines.push(`conflict ${conflict.id}: ${conflict.problem}`);
    lines.push(`  way out: ${conflict.resolution}`);
  }
  if (recommendation.openQuestions.length > 0) {
    lines.push(`open questions: ${recommendation.openQuestions.join(', ')}`);
  }

  return `${lines.join('\n')}\n`;
}
