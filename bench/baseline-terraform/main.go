// A minimal Terraform provider for Venice API keys, written as a typical provider is with
// terraform-plugin-framework: one request per operation and one read per key on refresh (no shared
// listing). It exists only as the baseline `npm run bench` compares the Node provider with.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type client struct {
	base, key string
	http      *http.Client
}

func (c *client) do(ctx context.Context, method, p string, body any, out any) (int, error) {
	var reader *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		reader = bytes.NewReader(b)
	} else {
		reader = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+p, reader)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if out != nil && res.StatusCode < 300 {
		return res.StatusCode, json.NewDecoder(res.Body).Decode(out)
	}
	return res.StatusCode, nil
}

type veniceProvider struct{}

func (p *veniceProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "venice"
}
func (p *veniceProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{}
}
func (p *veniceProvider) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	c := &client{base: strings.TrimRight(os.Getenv("VENICE_BASE_URL"), "/"), key: os.Getenv("VENICE_ADMIN_API_KEY"), http: &http.Client{Timeout: 30 * time.Second}}
	resp.ResourceData = c
}
func (p *veniceProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &apiKey{} }}
}
func (p *veniceProvider) DataSources(_ context.Context) []func() datasource.DataSource { return nil }

type apiKey struct{ c *client }

type model struct {
	ID          types.String `tfsdk:"id"`
	Description types.String `tfsdk:"description"`
	Type        types.String `tfsdk:"api_key_type"`
	Key         types.String `tfsdk:"key"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

type wireKey struct {
	ID          string  `json:"id"`
	APIKey      string  `json:"apiKey"`
	APIKeyType  string  `json:"apiKeyType"`
	Description string  `json:"description"`
	CreatedAt   *string `json:"createdAt"`
}

func (r *apiKey) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "venice_api_key"
}
func (r *apiKey) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, PlanModifiers: keep},
		"description":  schema.StringAttribute{Required: true},
		"api_key_type": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"key":          schema.StringAttribute{Computed: true, Sensitive: true, PlanModifiers: keep},
		"created_at":   schema.StringAttribute{Computed: true, PlanModifiers: keep},
	}}
}
func (r *apiKey) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if req.ProviderData != nil {
		r.c = req.ProviderData.(*client)
	}
}

func (r *apiKey) read(ctx context.Context, id string) (*wireKey, int, error) {
	var out struct{ Data wireKey }
	status, err := r.c.do(ctx, "GET", "/api_keys/"+id, nil, &out)
	return &out.Data, status, err
}

func (r *apiKey) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	var out struct{ Data wireKey }
	status, err := r.c.do(ctx, "POST", "/api_keys", map[string]any{"apiKeyType": m.Type.ValueString(), "description": m.Description.ValueString()}, &out)
	if err != nil || status >= 300 {
		resp.Diagnostics.AddError("create failed", fmt.Sprintf("status %d: %v", status, err))
		return
	}
	// The create answer has no createdAt: read the key back, as typical providers do after a create.
	got, _, err := r.read(ctx, out.Data.ID)
	if err != nil {
		resp.Diagnostics.AddError("read after create failed", err.Error())
		return
	}
	m.ID, m.Key = types.StringValue(out.Data.ID), types.StringValue(out.Data.APIKey)
	m.CreatedAt = types.StringPointerValue(got.CreatedAt)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (r *apiKey) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m model
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	got, status, err := r.read(ctx, m.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("read failed", err.Error())
		return
	}
	if status >= 400 {
		resp.State.RemoveResource(ctx)
		return
	}
	m.Description, m.Type = types.StringValue(got.Description), types.StringValue(got.APIKeyType)
	m.CreatedAt = types.StringPointerValue(got.CreatedAt)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (r *apiKey) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m, prior model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if _, err := r.c.do(ctx, "PATCH", "/api_keys", map[string]any{"id": prior.ID.ValueString(), "description": m.Description.ValueString()}, nil); err != nil {
		resp.Diagnostics.AddError("update failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (r *apiKey) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m model
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if _, err := r.c.do(ctx, "DELETE", "/api_keys?id="+m.ID.ValueString(), nil, nil); err != nil {
		resp.Diagnostics.AddError("delete failed", err.Error())
	}
}

func (r *apiKey) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &veniceProvider{} }, providerserver.ServeOpts{Address: "registry.opentofu.org/bench/venice"})
	if err != nil {
		log.Fatal(err)
	}
}
