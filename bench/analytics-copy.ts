import type pg from 'pg';

/**
 * `COPY … FROM STDIN` through node-postgres without another dependency: pg runs any object with `submit()` as a
 * query and hands it the copy-in protocol messages (the way pg-copy-streams does). The rows go into the table as an
 * emitter's INSERT would put them, with every index and trigger in place; only the wire format is cheaper.
 */
class CopyIn {
  constructor(
    private readonly text: string,
    private readonly chunks: readonly Buffer[],
    private readonly settle: (error?: Error) => void,
  ) {}
  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
  handleCommandComplete(): void {}
  /** pg has already let go of the query when it reports an error (no ReadyForQuery reaches it then). */
  handleError(error: Error): void {
    this.settle(error);
  }
  handleReadyForQuery(): void {
    this.settle();
  }
}

/** COPY's text format: tab-separated, `\N` for null, backslash escapes for the characters that delimit. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  const lines = rows.map((row) => `${columns.map((c) => copyText(row[c])).join('\t')}\n`);
  const chunks: Buffer[] = [];
  // A few hundred KB per CopyData message.
  for (let i = 0; i < lines.length; i += 1_000) chunks.push(Buffer.from(lines.slice(i, i + 1_000).join(''), 'utf8'));
  return new Promise((resolve, reject) => {
    const query = new CopyIn(`copy ${table} (${columns.join(',')}) from stdin`, chunks, (error) =>
      error ? reject(error) : resolve(),
    );
    (client as unknown as { query(q: CopyIn): void }).query(query);
  });
}
