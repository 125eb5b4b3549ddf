package provider

import (
	"bytes"
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// A client entry at LogInfo reaches tflog at INFO, where terraform apply
// shows it with TF_LOG=INFO; the rest stay at DEBUG. Secrets stay masked.
func TestClientLoggerLevels(t *testing.T) {
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	log := clientLogger("secret-key-1234")
	info := map[string]any{"method": "POST", "path": "/marketing_messages", "attempt": 1,
		"reason": "refused secret-key-1234", d360.LogLevelField: d360.LogInfo}
	log(ctx, "waiting 120 s: Retry-After", info)
	log(ctx, "360dialog request", map[string]any{"method": "GET"})
	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("want 2 entries, got %v", entries)
	}
	wait, req := entries[0], entries[1]
	if wait["@level"] != "info" || wait["@message"] != "waiting 120 s: Retry-After" || wait["path"] != "/marketing_messages" {
		t.Errorf("wait entry = %v", wait)
	}
	if _, ok := wait[d360.LogLevelField]; ok {
		t.Errorf("the level is repeated as a field: %v", wait)
	}
	if wait["reason"] != "refused ***" {
		t.Errorf("reason = %v, want the secret masked", wait["reason"])
	}
	if req["@level"] != "debug" {
		t.Errorf("request entry = %v, want debug", req)
	}
	if _, ok := info[d360.LogLevelField]; !ok {
		t.Error("the logger changed the client's fields map")
	}
}
