{{/* The name of one app's resources: <release>-<app>. */}}
{{- define "shop.appName" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "shop.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of everything the chart makes. */}}
{{- define "shop.labels" -}}
helm.sh/chart: {{ include "shop.chartLabel" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: event-shop
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* What selects one app's pods. */}}
{{- define "shop.selectorLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end -}}

{{- define "shop.appLabels" -}}
{{ include "shop.labels" .root }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: {{ if .app.edge }}edge{{ else }}service{{ end }}
{{- end -}}

{{- define "shop.image" -}}
{{- $image := .root.Values.image -}}
{{- $repository := ternary (printf "%s/%s" $image.registry $image.repository) $image.repository (ne $image.registry "") -}}
{{- printf "%s/%s:%s" $repository .name $image.tag -}}
{{- end -}}

{{- define "shop.kafkaClusterName" -}}
{{- default (printf "%s-kafka" .Release.Name) .Values.kafka.strimzi.clusterName -}}
{{- end -}}

{{/* KAFKA_BROKERS: the Strimzi cluster's bootstrap service, or the external brokers. */}}
{{- define "shop.kafkaBrokers" -}}
{{- if eq .Values.kafka.mode "strimzi" -}}
{{- printf "%s-kafka-bootstrap:9092" (include "shop.kafkaClusterName" .) -}}
{{- else if eq .Values.kafka.mode "external" -}}
{{- required "kafka.external.brokers is required with kafka.mode=external" .Values.kafka.external.brokers -}}
{{- else -}}
{{- fail (printf "kafka.mode must be strimzi or external, not %q" .Values.kafka.mode) -}}
{{- end -}}
{{- end -}}

{{- define "shop.postgresClusterName" -}}
{{- default (printf "%s-postgres" .Release.Name) .Values.postgres.cnpg.clusterName -}}
{{- end -}}

{{/* The role and database of an app, as natively: shop_<app> with - as _ (service_db_name in infra/env.sh). */}}
{{- define "shop.databaseName" -}}
{{- printf "shop_%s" (.name | replace "-" "_") -}}
{{- end -}}

{{/* The Secret holding an app's DATABASE_URL, and its key. */}}
{{- define "shop.databaseSecretName" -}}
{{- if eq .root.Values.postgres.mode "cnpg" -}}
{{- printf "%s-database" (include "shop.appName" .) | trunc 63 | trimSuffix "-" -}}
{{- else if eq .root.Values.postgres.mode "external" -}}
{{- required "postgres.external.existingSecret is required with postgres.mode=external" .root.Values.postgres.external.existingSecret -}}
{{- else -}}
{{- fail (printf "postgres.mode must be cnpg or external, not %q" .root.Values.postgres.mode) -}}
{{- end -}}
{{- end -}}

{{- define "shop.databaseSecretKey" -}}
{{- if eq .root.Values.postgres.mode "cnpg" -}}uri{{- else -}}{{ .name }}{{- end -}}
{{- end -}}

{{/*
The container environment of an app: the variables compose and ./shop up give it
(e2e/helm checks they agree), KAFKA_BROKERS and DATABASE_URL from the chart's
Kafka and PostgreSQL settings, then apps.<app>.secretEnv from Secrets of yours.
*/}}
{{- define "shop.appEnv" -}}
- name: SERVICE_NAME
  value: {{ .name | quote }}
- name: PORT
  value: {{ .app.port | quote }}
- name: KAFKA_BROKERS
  value: {{ include "shop.kafkaBrokers" .root | quote }}
{{- include "shop.kafkaLogin" (dict "root" .root "user" .name) }}
{{- if .app.database }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "shop.databaseSecretName" . }}
      key: {{ include "shop.databaseSecretKey" . }}
{{- end }}
{{- $secretEnv := .app.secretEnv | default dict }}
{{- range $name, $value := merge (dict) (.app.env | default dict) .root.Values.env }}
{{- if not (hasKey $secretEnv $name) }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- range $name, $ref := $secretEnv }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "secretEnv.%s needs a name" $name) $ref.name }}
      key: {{ required (printf "secretEnv.%s needs a key" $name) $ref.key }}
{{- end }}
{{- end -}}

{{/*
KAFKA_SASL_USERNAME/PASSWORD of a login: with Strimzi, its KafkaUser's (the Secret the User
Operator makes, named as the user); with an external Kafka, the key named as the user in
kafka.external.existingSecret, and none when that is empty (a Kafka without logins).
*/}}
{{- define "shop.kafkaLogin" -}}
{{- $secret := ternary .user .root.Values.kafka.external.existingSecret (eq .root.Values.kafka.mode "strimzi") }}
{{- $key := ternary "password" .user (eq .root.Values.kafka.mode "strimzi") }}
{{- if $secret }}
- name: KAFKA_SASL_USERNAME
  value: {{ .user | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
{{- end }}
{{- end -}}

{{- define "shop.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
