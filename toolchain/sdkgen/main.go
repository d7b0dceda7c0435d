// Command sdkgen writes the Go SDK of the venice package from its schema (schema.json, which the
// build generates from the facts module), with Pulumi's own Go code generator at the CLI's version.
// `pulumi package gen-sdk` would do the same through a Go language host, which cannot be had here.
//
// Usage: sdkgen <schema.json> <output dir>   (the Go module's folder: sdk/go)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noPackages refuses every package: the venice schema references none but its own.
type noPackages struct{}

func (noPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the venice schema references no other package (asked for %s)", pkg)
}

func (noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("the venice schema references no other package (asked for %s)", d.Name)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <output dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	files, err := gogen.GeneratePackage("pulumi-venice sdkgen", pkg, nil)
	if err != nil {
		return err
	}
	// Each generated folder is replaced whole (a file the schema no longer produces goes); the rest of
	// `out` (go.mod, go.sum) is left alone.
	for name := range files {
		top := strings.SplitN(filepath.ToSlash(name), "/", 2)[0]
		if err := os.RemoveAll(filepath.Join(out, top)); err != nil {
			return err
		}
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
