module shop.local/infra/mailpit

go 1.24.3

// Mailpit (SMTP server keeping mail, with an HTTP API); its main package is the module root.
require github.com/axllent/mailpit v1.27.11
