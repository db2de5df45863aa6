/** The chart's folder: deploy/helm/event-shop. */
export const chartDir: string;
/** Where the native run's infrastructure is, and where the chart's default values put it in the cluster. */
export const NATIVE_TO_CHART: [native: string, cluster: string][];
/** Variables the chart's templates set from its Kafka and PostgreSQL settings, not from values' env. */
export const FROM_CHART_SETTINGS: string[];
/** Variables set once for every app (values' top-level env). */
export const SHARED: string[];
/** An app's variable as the chart's default values set it, from its native value. */
export function inChart(name: string, nativeValue: string): string;
/** The generated part of values.yaml, as text. */
export function generatedValues(): Promise<string>;
/** values.yaml with its generated part as apps/ and the contracts say. */
export function valuesFileWithGenerated(current?: string): Promise<string>;
