package pack_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mipack/mipack/render/pack"
	"github.com/mipack/mipack/render/pack/packtest"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	want := packtest.Sample()
	data, err := pack.Encode(want)
	require.NoError(t, err)
	got, err := pack.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	require.Equal(t, want, got)
	again, err := pack.Encode(got)
	require.NoError(t, err)
	require.Equal(t, string(data), string(again), "encoding is not stable")
}

func TestSuppressedCellsAreNull(t *testing.T) {
	data, err := pack.Encode(packtest.Sample())
	require.NoError(t, err)
	require.Contains(t, string(data), `"suppressed": [`)
	require.Contains(t, string(data), "[\n          \"§ 103\",\n          null,")
}
