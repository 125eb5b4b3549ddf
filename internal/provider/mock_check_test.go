package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// mockCheck is a state check that asserts on what the mock saw or did, so
// that assertions on requests sit in ConfigStateChecks beside those on state.
func mockCheck(check func() error) statecheck.StateCheck { return mockStateCheck(check) }

type mockStateCheck func() error

func (c mockStateCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}
