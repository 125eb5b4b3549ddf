package provider

import (
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// clientConfig turns the provider block, with the environment behind it,
// into the client's configuration. It is a pure function of its inputs, so
// each rule is unit-tested without Terraform. It does not repeat what
// d360.New does: defaults stay empty (New fills them) and URLs and
// credentials are checked there, whose typed errors addConfigureError
// points at the attribute.
func clientConfig(m *providerModel, getenv func(string) string) (d360.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	for _, a := range []struct {
		name  string
		value interface{ IsUnknown() bool }
	}{
		{"api_key", m.APIKey}, {"base_url", m.BaseURL}, {"graph_api_token", m.GraphAPIToken}, {"graph_api_url", m.GraphAPIURL},
		{"max_messages_per_second", m.MaxMessagesPerSecond}, {"request_timeout", m.RequestTimeout}, {"validate_templates", m.ValidateTemplates},
		{"max_retry_duration", m.MaxRetryDuration},
	} {
		if a.value.IsUnknown() {
			diags.AddAttributeError(path.Root(a.name), "Unknown provider configuration value",
				fmt.Sprintf("The provider cannot be configured because %s is not known until apply. "+
					"Set it to a value known at plan time, such as a variable or a literal, or set it through its environment variable.", a.name))
		}
	}
	if diags.HasError() {
		return d360.Config{}, diags
	}
	cfg := d360.Config{
		APIKey:         valueOrEnv(m.APIKey, envAPIKey, getenv),
		GraphToken:     valueOrEnv(m.GraphAPIToken, envGraphToken, getenv),
		BaseURL:        valueOrEnv(m.BaseURL, envBaseURL, getenv),
		BaseURLSource:  urlSource(m.BaseURL, "base_url", envBaseURL, getenv),
		GraphURL:       valueOrEnv(m.GraphAPIURL, envGraphURL, getenv),
		GraphURLSource: urlSource(m.GraphAPIURL, "graph_api_url", envGraphURL, getenv),
	}
	if cfg.APIKey == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing 360dialog API key",
			"The provider needs the channel's 360dialog API key. Set api_key in the provider block, "+
				"or set the "+envAPIKey+" environment variable. Get the key in the 360dialog Hub, under the channel's API keys.")
	}
	// The duration validators have refused what does not parse.
	timeout := d360.DefaultRequestTimeout
	if !m.RequestTimeout.IsNull() {
		timeout, _ = time.ParseDuration(m.RequestTimeout.ValueString())
	}
	if !m.MaxRetryDuration.IsNull() {
		cfg.MaxRetryDuration, _ = time.ParseDuration(m.MaxRetryDuration.ValueString())
	}
	if !m.MaxMessagesPerSecond.IsNull() {
		cfg.MaxMessagesPerSecond = float64(m.MaxMessagesPerSecond.ValueInt64())
	}
	cfg.HTTPClient = &http.Client{Timeout: timeout, Transport: d360.NewTransport()}
	return cfg, diags
}

// valueOrEnv lets the provider block win over the environment.
func valueOrEnv(v types.String, env string, getenv func(string) string) string {
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	return getenv(env)
}

// urlSource names where valueOrEnv took a URL from, for the error of a
// request that cannot connect.
func urlSource(v types.String, attr, env string, getenv func(string) string) string {
	switch {
	case !v.IsNull() && v.ValueString() != "":
		return attr + " in the provider block"
	case getenv(env) != "":
		return "the " + env + " environment variable"
	}
	return "the default " + attr
}
