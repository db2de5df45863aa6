module shop.local/infra/jaeger

go 1.24.6

// Jaeger v2.13.0 (tag v1.76.0 on the same commit 63b27e18); v2 tags have no /v2 module path.
require github.com/jaegertracing/jaeger v1.76.0

// Copied from Jaeger's own go.mod: replace directives of a dependency do not apply to its dependents.
replace github.com/Shopify/sarama => github.com/Shopify/sarama v1.33.0
