package pdf

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mipack/mipack/render/locale"
	"github.com/mipack/mipack/render/pack/packtest"
)

func TestChartAlt(t *testing.T) {
	s := packtest.Sample().Sections[0]
	got := chartAlt(locale.For("en"), &s)
	want := "Chart: Døgnpris i alt efter paragraf. Bar chart. Categories: § 107, § 108, § 85, § 103. Series: Døgnpris i alt (kr.). " +
		"Withheld to protect privacy: § 103 (Døgnpris i alt (kr.)). The chart's figures are in the table."
	assert.Equal(t, want, got)
}
