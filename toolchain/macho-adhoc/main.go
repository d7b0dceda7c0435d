// Command macho-adhoc gives a macOS executable an ad-hoc code signature, in place: what `codesign
// --sign -` does on a Mac. `npm run release` runs it on the darwin executables, because injecting the
// plugin drops the signature Node's binary had, and macOS on Apple silicon runs no unsigned code. An
// ad-hoc signature names no one (Gatekeeper still wants a Developer ID and notarization for downloads):
// a maintainer re-signs with their own identity on a Mac (README, Installing the plugins).
//
// Usage: macho-adhoc <executable> <identifier>
package main

import (
	"fmt"
	"os"

	"github.com/blacktop/go-macho"
	"github.com/blacktop/go-macho/pkg/codesign"
	cstypes "github.com/blacktop/go-macho/pkg/codesign/types"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: macho-adhoc <executable> <identifier>")
		os.Exit(2)
	}
	if err := sign(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "macho-adhoc: %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func sign(path, id string) error {
	f, err := macho.Open(path)
	if err != nil {
		return err
	}
	if err := f.CodeSign(&codesign.Config{ID: id, Flags: cstypes.ADHOC}); err != nil {
		f.Close()
		return err
	}
	signed := path + ".signed"
	if err := f.Save(signed); err != nil {
		f.Close()
		return err
	}
	f.Close()
	if err := os.Chmod(signed, 0o755); err != nil {
		return err
	}
	return os.Rename(signed, path)
}
