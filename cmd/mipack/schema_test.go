package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSchema(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{args: nil},
		{args: []string{"extra"}, wantErr: "schema takes no arguments, got 1"},
		{args: []string{"--out", "x"}, wantErr: "flag provided but not defined: -out"},
	}
	for _, tt := range tests {
		f := &fakeEnv{}
		_, err := parseSchema(tt.args, f.env())
		if tt.wantErr == "" {
			assert.NoError(t, err, "args %v", tt.args)
			continue
		}
		require.Error(t, err, "args %v", tt.args)
		assert.Equal(t, tt.wantErr, err.Error(), "args %v: got error %q, want %q", tt.args, err, tt.wantErr)
	}
}

func TestSchemaPrintsTheCommittedSchema(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "recipes", "recipe.schema.json"))
	require.NoError(t, err)
	code, stdout, stderr := runCmd(t, "schema")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, string(want), stdout, "got a schema that differs from recipes/recipe.schema.json")
}
