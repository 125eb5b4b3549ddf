package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// nullModel is a provider block with nothing set.
func nullModel() providerModel {
	return providerModel{
		APIKey: types.StringNull(), BaseURL: types.StringNull(), GraphAPIToken: types.StringNull(), GraphAPIURL: types.StringNull(),
		MaxMessagesPerSecond: types.Int64Null(), MaxRetryDuration: types.StringNull(), RequestTimeout: types.StringNull(),
		ValidateTemplates: types.BoolNull(),
	}
}

// The block wins over the environment, each URL says where it came from,
// and what is unset stays empty for d360.New's defaults.
func TestClientConfigBlockEnvironmentAndDefaults(t *testing.T) {
	m := nullModel()
	m.APIKey = types.StringValue("block-key")
	m.GraphAPIURL = types.StringValue("https://graph.example.com/v24.0")
	env := envOf(map[string]string{envAPIKey: "env-key", envBaseURL: "http://127.0.0.1:8360", envGraphToken: "env-token"})
	cfg, diags := clientConfig(&m, env)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := d360.Config{APIKey: "block-key", GraphToken: "env-token",
		BaseURL: "http://127.0.0.1:8360", BaseURLSource: "the D360_BASE_URL environment variable",
		GraphURL: "https://graph.example.com/v24.0", GraphURLSource: "graph_api_url in the provider block"}
	got := cfg
	got.HTTPClient = nil
	if got.APIKey != want.APIKey || got.GraphToken != want.GraphToken || got.BaseURL != want.BaseURL ||
		got.BaseURLSource != want.BaseURLSource || got.GraphURL != want.GraphURL || got.GraphURLSource != want.GraphURLSource {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if cfg.MaxRetryDuration != 0 || cfg.MaxMessagesPerSecond != 0 {
		t.Errorf("unset settings must stay empty for d360.New's defaults, got %v and %v", cfg.MaxRetryDuration, cfg.MaxMessagesPerSecond)
	}
	if cfg.HTTPClient == nil || cfg.HTTPClient.Timeout != d360.DefaultRequestTimeout {
		t.Errorf("want the default request timeout, got %+v", cfg.HTTPClient)
	}
	m.BaseURL = types.StringValue("https://waba.example.com")
	if cfg, _ := clientConfig(&m, envOf(nil)); cfg.BaseURLSource != "base_url in the provider block" || cfg.GraphToken != "" {
		t.Errorf("got %+v", cfg)
	}
	unset := nullModel()
	if cfg, _ := clientConfig(&unset, envOf(map[string]string{envAPIKey: "k"})); cfg.BaseURLSource != "the default base_url" {
		t.Errorf("an unset base URL is the default one, got %q", cfg.BaseURLSource)
	}
}

func TestClientConfigDurationsAndPace(t *testing.T) {
	m := nullModel()
	m.APIKey = types.StringValue("k")
	m.RequestTimeout = types.StringValue("5s")
	m.MaxRetryDuration = types.StringValue("45s")
	m.MaxMessagesPerSecond = types.Int64Value(20)
	cfg, diags := clientConfig(&m, envOf(nil))
	if diags.HasError() || cfg.HTTPClient.Timeout != 5*time.Second || cfg.MaxRetryDuration != 45*time.Second || cfg.MaxMessagesPerSecond != 20 {
		t.Fatalf("got %+v, %v", cfg, diags)
	}
}

func TestClientConfigRefusals(t *testing.T) {
	m := nullModel()
	if _, diags := clientConfig(&m, envOf(nil)); !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), envAPIKey) {
		t.Fatalf("want a missing key error naming %s, got %v", envAPIKey, diags)
	}
	m.APIKey = types.StringValue("k")
	m.BaseURL = types.StringUnknown()
	_, diags := clientConfig(&m, envOf(nil))
	if !diags.HasError() || diags.Errors()[0].Summary() != "Unknown provider configuration value" ||
		!strings.Contains(diags.Errors()[0].Detail(), "base_url is not known until apply") {
		t.Fatalf("want the unknown base_url refused, got %v", diags)
	}
}
