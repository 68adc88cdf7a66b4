package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRegistry(t *testing.T) {
	src := `
  public static final String LEAD_FUNC_NAME = "lead";
  static {
    system.registerUDF("concat", UDFConcat.class, false);
    // system.registerUDF("commented", X.class, false);
    system.registerGenericUDAF("STD", new GenericUDAFStd());
    system.registerGenericUDF(LEAD_FUNC_NAME, GenericUDFLead.class);
    system.registerWindowFunction(LEAD_FUNC_NAME, new GenericUDAFLead());
    system.registerUDF(serdeConstants.INT_TYPE_NAME, UDFToInteger.class, false, UDFToInteger.class.getSimpleName());
    system.registerUDF(UDFToLong.class.getSimpleName(), UDFToLong.class, false, UDFToLong.class.getSimpleName());
    system.registerGenericUDF(GenericUDFMaskHash.UDF_NAME, GenericUDFMaskHash.class);
    system.registerGenericUDTF("explode", GenericUDTFExplode.class);
    system.registerHiddenBuiltIn(GenericUDFOPDTIMinus.class);
  }`
	path := filepath.Join(t.TempDir(), "FunctionRegistry.java")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	regs, skipped, err := readRegistry(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range regs {
		got = append(got, r.name+":"+r.kind)
	}
	want := "concat:UDF std:UDAF lead:UDF lead:window int:UDF udftolong:UDF mask_hash:UDF explode:UDTF"
	if strings.Join(got, " ") != want || skipped != 1 {
		t.Errorf("got %s (skipped %d), want %s (skipped 1)", strings.Join(got, " "), skipped, want)
	}

	if err := os.WriteFile(path, []byte(`system.registerUDF(SOME_OTHER_CONSTANT, X.class);`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readRegistry(path); err == nil || !strings.Contains(err.Error(), "cannot resolve") {
		t.Errorf("an unresolvable name: error %v", err)
	}
}
