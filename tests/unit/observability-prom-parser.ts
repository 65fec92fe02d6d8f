/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line is a
 * HELP or TYPE comment, blank, or a sample `name{labels} value`; a family is declared before its
 * samples and its lines form one group; no series appears twice; histogram buckets are
 * cumulative with a +Inf bucket equal to _count. Anything else throws, naming the line.
 */
export type FamilyType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: FamilyType;
  help: string | null;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<FamilyType>(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(text: string, where: string): number {
  if (text === "NaN") return NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${where}: "${text}" is not a sample value`);
  return Number(text);
}

/** Parses `{a="x",b="y"}` starting at text[0] === "{"; returns the labels and what follows. */
function parseLabels(text: string, where: string): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    if (text[i] === "}") return { labels, rest: text.slice(i + 1) };
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
    if (!name || !LABEL_NAME.test(name)) throw new Error(`${where}: bad label name at "${text.slice(i)}"`);
    if (name in labels) throw new Error(`${where}: label ${name} appears twice`);
    i += name.length;
    if (text[i] !== "=" || text[i + 1] !== '"') throw new Error(`${where}: expected ="..." after label ${name}`);
    i += 2;
    let value = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error(`${where}: unterminated value of label ${name}`);
      if (c === '"') break;
      if (c === "\n") throw new Error(`${where}: raw newline in label ${name}`);
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "\\") value += "\\";
        else if (next === '"') value += '"';
        else if (next === "n") value += "\n";
        else throw new Error(`${where}: bad escape \\${next} in label ${name}`);
        i += 2;
        continue;
      }
      value += c;
      i += 1;
    }
    labels[name] = value;
    i += 1;
    if (text[i] === ",") i += 1;
    else if (text[i] !== "}") throw new Error(`${where}: expected , or } after label ${name}`);
  }
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(sample);
  if (direct && direct.type !== "histogram") return direct;
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!sample.endsWith(suffix)) continue;
    const family = families.get(sample.slice(0, -suffix.length));
    if (family?.type === "histogram" || (family?.type === "summary" && suffix !== "_bucket")) return family;
  }
  return direct?.type === "summary" ? direct : undefined;
}

const seriesKey = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(",")}}`;

export function parsePrometheusText(text: string): Map<string, Family> {
  if (text.length > 0 && !text.endsWith("\n")) throw new Error("the exposition does not end with a newline");
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  const seen = new Set<string>();
  const typed = new Set<string>();
  let current: string | null = null;
  const enter = (name: string, where: string) => {
    if (current === name) return;
    if (finished.has(name)) throw new Error(`${where}: family ${name} continues after other families (its lines must form one group)`);
    if (current) finished.add(current);
    current = name;
  };

  text.split("\n").forEach((line, index) => {
    const where = `line ${index + 1} "${line.slice(0, 120)}"`;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) ([^ ]+)(?: (.*))?$/.exec(line);
      if (!m) throw new Error(`${where}: a comment that is not HELP or TYPE`);
      const [, kind, name, rest = ""] = m;
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name ${name}`);
      enter(name, where);
      let family = families.get(name);
      if (!family) {
        family = { name, type: "untyped", help: null, samples: [] };
        families.set(name, family);
      }
      if (kind === "HELP") {
        if (family.help !== null) throw new Error(`${where}: second HELP for ${name}`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ""))) throw new Error(`${where}: bad escape in HELP`);
        family.help = rest.replace(/\\n/g, "\n").replace(/\\\\/g, "\\");
      } else {
        if (family.samples.length) throw new Error(`${where}: TYPE of ${name} after its samples`);
        if (typed.has(name)) throw new Error(`${where}: second TYPE for ${name}`);
        if (!TYPES.has(rest as FamilyType)) throw new Error(`${where}: unknown type "${rest}"`);
        family.type = rest as FamilyType;
        typed.add(name);
      }
      return;
    }
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
    if (!name) throw new Error(`${where}: not a sample`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith("{")) ({ labels, rest } = parseLabels(rest, where));
    const parts = rest.split(" ");
    if (parts[0] !== "" || parts.length < 2 || parts.length > 3) throw new Error(`${where}: expected one space, a value and an optional timestamp`);
    const value = parseValue(parts[1], where);
    if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) throw new Error(`${where}: bad timestamp`);
    const family = familyOf(name, families);
    if (!family) throw new Error(`${where}: sample ${name} before any HELP/TYPE of its family`);
    enter(family.name, where);
    const key = seriesKey(name, labels);
    if (seen.has(key)) throw new Error(`${where}: series ${key} appears twice`);
    seen.add(key);
    if (family.type === "counter" && !(value >= 0)) throw new Error(`${where}: counter value ${value} is not >= 0`);
    if (family.type === "histogram" && name.endsWith("_bucket") && !("le" in labels)) throw new Error(`${where}: bucket without le`);
    family.samples.push({ name, labels, value });
  });

  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

function checkHistogram(family: Family) {
  const groups = new Map<string, { buckets: [number, number][]; sum?: number; count?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = seriesKey("", rest);
    const group = groups.get(key) ?? groups.set(key, { buckets: [] }).get(key)!;
    if (s.name.endsWith("_bucket")) group.buckets.push([parseValue(le, `${family.name} le`), s.value]);
    else if (s.name.endsWith("_sum")) group.sum = s.value;
    else if (s.name.endsWith("_count")) group.count = s.value;
    else throw new Error(`${family.name}: histogram sample ${s.name} is not _bucket, _sum or _count`);
  }
  for (const [key, g] of groups) {
    const where = `${family.name}${key}`;
    if (g.sum === undefined || g.count === undefined) throw new Error(`${where}: missing _sum or _count`);
    for (let i = 1; i < g.buckets.length; i++) {
      if (!(g.buckets[i][0] > g.buckets[i - 1][0])) throw new Error(`${where}: le bounds not increasing`);
      if (g.buckets[i][1] < g.buckets[i - 1][1]) throw new Error(`${where}: bucket counts not cumulative`);
    }
    const last = g.buckets.at(-1);
    if (!last || last[0] !== Infinity) throw new Error(`${where}: no +Inf bucket last`);
    if (last[1] !== g.count) throw new Error(`${where}: +Inf bucket ${last[1]} != _count ${g.count}`);
  }
}

/** The value of one series, or undefined. */
export function sampleValue(families: Map<string, Family>, family: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = seriesKey(name, labels);
  return families.get(family)?.samples.find((s) => seriesKey(s.name, s.labels) === wanted)?.value;
}
