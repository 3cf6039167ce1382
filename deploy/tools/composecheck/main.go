// Command composecheck loads a compose file the way Docker Compose does (compose-go: the Compose
// Specification's JSON schema, interpolation from an env file, merging, references between
// services, secrets, volumes and networks, the profiles its COMPOSE_PROFILES turns on) and prints
// the resolved project as JSON. Any error in the file makes it exit 1 with the loader's message.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: composecheck <compose file> <env file>")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(
		[]string{os.Args[1]},
		cli.WithEnvFiles(os.Args[2]),
		cli.WithDotEnv,
		// The profiles the env file names (COMPOSE_PROFILES), as Docker Compose takes them from .env.
		cli.WithDefaultProfiles(),
		cli.WithName("arbeitsbereich"),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := json.MarshalIndent(project, "", "  ")
	if err != nil {
		fail(err)
	}
	fmt.Println(string(out))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "composecheck: %v\n", err)
	os.Exit(1)
}
