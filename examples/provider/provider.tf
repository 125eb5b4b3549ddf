terraform {
  required_providers {
    d360 = {
      source = "d360-tf/d360"
    }
  }
}

# Keys are best left to the environment:
#   export D360_API_KEY=...          # the channel's 360dialog API key
#   export D360_GRAPH_API_TOKEN=...  # a Meta system-user token, only for d360_mm_lite_eligibility
provider "d360" {
  # Every send of this provider instance shares one pace; 80 is the
  # documented throughput of one number.
  max_messages_per_second = 80
  request_timeout         = "30s"
}
