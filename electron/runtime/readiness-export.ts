// The readiness report as files operators pass around: a Markdown page and a CSV sheet.
import type { ReadinessCheck, ReadinessCheckName, ReadinessReport } from '../../shared/authoring';
import { readinessCheckLabels } from '../../shared/authoring';

const checkNames = Object.keys(readinessCheckLabels) as ReadinessCheckName[];

/** A Markdown page: the verdict, a pass/fail grid of challenges by hosts, every reason, host totals. */
export function readinessMarkdown(report: ReadinessReport): string {
  const hostName = new Map(report.hosts.map((host) => [host.hostId, host.hostName]));
  const lines = [
    '# Event readiness',
    '',
    `Checked ${new Date(report.checkedAt).toISOString()} for ${report.teams} teams: **${
      report.ok ? 'ready' : 'not ready'
    }**.`,
    '',
    `| Challenge | ${report.hosts.map((host) => md(host.hostName)).join(' | ')} |`,
    `| --- | ${report.hosts.map(() => '---').join(' | ')} |`,
    ...report.rows.map(
      (row) =>
        `| ${md(row.challengeName)} | ${row.cells.map((cell) => (cell.ok ? 'PASS' : '**FAIL**')).join(' | ')} |`,
    ),
    '',
    '## Checks',
    '',
    '| Challenge | Host | Check | Result | Reason |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const row of report.rows) {
    for (const cell of row.cells) {
      for (const name of checkNames) {
        const check = cell.checks[name];
        lines.push(
          `| ${md(row.challengeName)} | ${md(hostName.get(cell.hostId) ?? cell.hostId)} | ${
            readinessCheckLabels[name]
          } | ${word(check)} | ${md(check.reason)} |`,
        );
      }
    }
  }
  lines.push('', '## Hosts (all challenges together)', '');
  lines.push('| Host | Port range | Memory |', '| --- | --- | --- |');
  for (const host of report.hosts) {
    lines.push(
      `| ${md(host.hostName)} | ${word(host.ports)}: ${md(host.ports.reason)} | ${word(
        host.memory,
      )}: ${md(host.memory.reason)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A CSV sheet: one row per challenge, host and check, then one per host total. */
export function readinessCsv(report: ReadinessReport): string {
  const hostName = new Map(report.hosts.map((host) => [host.hostId, host.hostName]));
  const rows = [['challenge', 'image', 'host', 'check', 'result', 'reason']];
  for (const row of report.rows) {
    for (const cell of row.cells) {
      for (const name of checkNames) {
        const check = cell.checks[name];
        rows.push([
          row.challengeName,
          row.image,
          hostName.get(cell.hostId) ?? cell.hostId,
          name,
          check.status,
          check.reason,
        ]);
      }
    }
  }
  for (const host of report.hosts) {
    rows.push(['(all)', '', host.hostName, 'portRange', host.ports.status, host.ports.reason]);
    rows.push(['(all)', '', host.hostName, 'memory', host.memory.status, host.memory.reason]);
  }
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function word(check: ReadinessCheck): string {
  return check.status === 'fail' ? '**FAIL**' : check.status === 'pass' ? 'PASS' : 'skipped';
}

/** Text safe inside a Markdown table cell. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A CSV field; text a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
