{{- define "redoubt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "redoubt.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "redoubt.headless" -}}
{{- printf "%s-headless" (include "redoubt.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "redoubt.selectorLabels" -}}
app.kubernetes.io/name: {{ include "redoubt.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "redoubt.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "redoubt.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Pods in the StatefulSet: 1 in standalone mode, 1 master + N replicas in replication mode. */}}
{{- define "redoubt.podCount" -}}
{{- if eq .Values.mode "replication" }}{{ add 1 (int .Values.replication.replicas) }}{{ else }}1{{ end }}
{{- end }}

{{- define "redoubt.tlsSecret" -}}
{{- if .Values.tls.certManager.enabled }}{{ printf "%s-tls" (include "redoubt.fullname" .) }}{{ else }}{{ .Values.tls.existingSecret }}{{ end }}
{{- end }}

{{/* cert-manager always writes tls.crt, tls.key and ca.crt; an existing Secret uses the configured names. */}}
{{- define "redoubt.certFile" -}}
{{- if .Values.tls.certManager.enabled }}tls.crt{{ else }}{{ .Values.tls.certFilename }}{{ end }}
{{- end }}
{{- define "redoubt.keyFile" -}}
{{- if .Values.tls.certManager.enabled }}tls.key{{ else }}{{ .Values.tls.certKeyFilename }}{{ end }}
{{- end }}
{{- define "redoubt.caFile" -}}
{{- if .Values.tls.certManager.enabled }}ca.crt{{ else }}{{ .Values.tls.certCAFilename }}{{ end }}
{{- end }}

{{/* tls.authClients as Redis spells it; a bare YAML yes/no arrives as a boolean. */}}
{{- define "redoubt.authClients" -}}
{{- $v := .Values.tls.authClients }}
{{- if kindIs "bool" $v }}{{ ternary "yes" "no" $v }}{{ else }}{{ $v | toString | lower }}{{ end }}
{{- end }}

{{- define "redoubt.authSecret" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecret }}{{ else }}{{ printf "%s-auth" (include "redoubt.fullname" .) }}{{ end }}
{{- end }}
{{- define "redoubt.authSecretKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretPasswordKey }}{{ else }}redis-password{{ end }}
{{- end }}

{{/* Mutual TLS is the only way in: TLS on, client certificates required, no plain-text port. */}}
{{- define "redoubt.mutualTlsOnly" -}}
{{- if and .Values.tls.enabled (eq (include "redoubt.authClients" .) "yes") (not .Values.tls.plainPort) }}true{{ end }}
{{- end }}

{{/* The master's stable name: pod 0 behind the headless Service. */}}
{{- define "redoubt.masterHost" -}}
{{- printf "%s-0.%s.%s.svc.%s" (include "redoubt.fullname" .) (include "redoubt.headless" .) .Release.Namespace .Values.clusterDomain }}
{{- end }}

{{- define "redoubt.validate" -}}
{{- $mode := .Values.mode }}
{{- if or (eq $mode "sentinel") (eq $mode "cluster") }}
{{- fail (printf "mode=%s is not available yet: Redoubt does not implement %s. Use mode=standalone or mode=replication." $mode (ternary "Sentinel" "Cluster" (eq $mode "sentinel"))) }}
{{- end }}
{{- if not (has $mode (list "standalone" "replication")) }}
{{- fail (printf "mode=%s is unknown: use standalone or replication (sentinel and cluster are planned)." $mode) }}
{{- end }}
{{- if and .Values.auth.enabled (not (or .Values.auth.existingSecret .Values.auth.password)) }}
{{- fail "auth.enabled needs auth.existingSecret=<secret> (key auth.existingSecretPasswordKey) or auth.password." }}
{{- end }}
{{- if .Values.tls.enabled }}
{{- if and .Values.tls.certManager.enabled .Values.tls.existingSecret }}
{{- fail "tls: set either tls.existingSecret or tls.certManager.enabled, not both." }}
{{- end }}
{{- if not (or .Values.tls.certManager.enabled .Values.tls.existingSecret) }}
{{- fail "tls.enabled needs certificates: set tls.existingSecret=<secret>, or tls.certManager.enabled=true with tls.certManager.issuerRef.name=<issuer>." }}
{{- end }}
{{- if and .Values.tls.certManager.enabled (not .Values.tls.certManager.issuerRef.name) }}
{{- fail "tls.certManager.enabled needs tls.certManager.issuerRef.name (an Issuer or ClusterIssuer that cert-manager knows)." }}
{{- end }}
{{- if not (has (include "redoubt.authClients" .) (list "yes" "no" "optional")) }}
{{- fail (printf "tls.authClients=%s: use yes, no or optional." (include "redoubt.authClients" .)) }}
{{- end }}
{{- else if .Values.tls.certManager.enabled }}
{{- fail "tls.certManager.enabled needs tls.enabled=true." }}
{{- end }}
{{- end }}
