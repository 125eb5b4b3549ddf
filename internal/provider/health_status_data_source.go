package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

var (
	_ datasource.DataSource              = (*healthStatusDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*healthStatusDataSource)(nil)
)

// NewHealthStatusDataSource is the d360_health_status data source.
func NewHealthStatusDataSource() datasource.DataSource { return &healthStatusDataSource{} }

type healthStatusDataSource struct{ data *providerData }

type healthStatusModel struct {
	ID             types.String        `tfsdk:"id"`
	CanSendMessage types.String        `tfsdk:"can_send_message"`
	Entities       []healthEntityModel `tfsdk:"entities"`
}

type healthEntityModel struct {
	EntityType        types.String       `tfsdk:"entity_type"`
	ID                types.String       `tfsdk:"id"`
	CanSendMessage    types.String       `tfsdk:"can_send_message"`
	CanReceiveCallSIP types.String       `tfsdk:"can_receive_call_sip"`
	AdditionalInfo    []types.String     `tfsdk:"additional_info"`
	Errors            []healthErrorModel `tfsdk:"errors"`
}

type healthErrorModel struct {
	Code        types.Int64  `tfsdk:"code"`
	Description types.String `tfsdk:"description"`
	Solution    types.String `tfsdk:"solution"`
}

func (d *healthStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_health_status"
}

const canSendValues = "`AVAILABLE` (can send), `LIMITED` (can send, with limits listed in `additional_info`) or `BLOCKED` (cannot send; see `errors`)"

func (d *healthStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads whether the channel's phone number can send messages right now, from 360dialog's `GET /health_status`. " +
			"The answer covers every node on the path: phone number, WhatsApp Business Account, business and app. " +
			"Use it in a `precondition` to stop an apply before any message is sent from a blocked number. Read only; it never sends.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The id of the node the health was read for (the channel's phone number id).",
				Computed:            true,
			},
			"can_send_message": schema.StringAttribute{
				MarkdownDescription: "Overall status: " + canSendValues + ". It is the worst status of all entities.",
				Computed:            true,
			},
			"entities": schema.ListNestedAttribute{
				MarkdownDescription: "One entry per node, in the order 360dialog returns them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"entity_type": schema.StringAttribute{
						MarkdownDescription: "`PHONE_NUMBER`, `WABA`, `BUSINESS`, `APP` or `MESSAGE_TEMPLATE`.",
						Computed:            true,
					},
					"id": schema.StringAttribute{MarkdownDescription: "The node's id.", Computed: true},
					"can_send_message": schema.StringAttribute{
						MarkdownDescription: "This node's status: " + canSendValues + ".",
						Computed:            true,
					},
					"can_receive_call_sip": schema.StringAttribute{
						MarkdownDescription: "SIP calling status, only for phone numbers and apps; null otherwise.",
						Computed:            true,
					},
					"additional_info": schema.ListAttribute{
						MarkdownDescription: "Notes on a `LIMITED` node, such as a messaging limit. Empty otherwise.",
						Computed:            true,
						ElementType:         types.StringType,
					},
					"errors": schema.ListNestedAttribute{
						MarkdownDescription: "Why a `BLOCKED` node is blocked. Empty otherwise.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"code":        schema.Int64Attribute{MarkdownDescription: "Meta's error code.", Computed: true},
							"description": schema.StringAttribute{MarkdownDescription: "What is wrong.", Computed: true},
							"solution":    schema.StringAttribute{MarkdownDescription: "What Meta suggests doing about it.", Computed: true},
						}},
					},
				}},
			},
		},
	}
}

func (d *healthStatusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *healthStatusDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	health, err := d.data.client.Health.Get(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Could not read the 360dialog health status", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, healthStatusFromAPI(health))...)
}

func healthStatusFromAPI(h *d360.HealthStatus) healthStatusModel {
	m := healthStatusModel{
		ID:             types.StringValue(h.ID),
		CanSendMessage: types.StringValue(h.HealthStatus.CanSendMessage),
		Entities:       []healthEntityModel{},
	}
	for _, e := range h.HealthStatus.Entities {
		em := healthEntityModel{
			EntityType:        types.StringValue(e.EntityType),
			ID:                types.StringValue(e.ID),
			CanSendMessage:    types.StringValue(e.CanSendMessage),
			CanReceiveCallSIP: optionalString(e.CanReceiveCallSIP),
			AdditionalInfo:    []types.String{},
			Errors:            []healthErrorModel{},
		}
		for _, info := range e.AdditionalInfo {
			em.AdditionalInfo = append(em.AdditionalInfo, types.StringValue(info))
		}
		for _, he := range e.Errors {
			em.Errors = append(em.Errors, healthErrorModel{
				Code:        types.Int64Value(he.ErrorCode),
				Description: types.StringValue(he.ErrorDescription),
				Solution:    types.StringValue(he.PossibleSolution),
			})
		}
		m.Entities = append(m.Entities, em)
	}
	return m
}
