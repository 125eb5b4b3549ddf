terraform import d360_webhook.this webhook
