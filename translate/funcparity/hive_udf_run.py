# Runs Hive's own function classes beside Spark's built-ins: the "hive-run"
# evidence of differences.tsv. pyspark ships Apache Hive 2.3.9's hive-exec
# jar, so each Hive UDF class can be registered as a temporary function
# (h_<name>) and called in the same query as Spark's namesake.
#   python translate/funcparity/hive_udf_run.py translate/funcparity/hive_udf_cases.sql
# (pyspark==3.5.9, Java 17). Only Hive 2.3.9 runs this way; other Hive
# versions are read from their sources.
import sys
import tempfile

from pyspark.sql import SparkSession

scratch = tempfile.mkdtemp(prefix="funcparity-")
spark = (SparkSession.builder.master("local[1]")
         .config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.warehouse.dir", scratch + "/warehouse")
         .config("spark.driver.extraJavaOptions", "-Dderby.system.home=" + scratch + " -Duser.timezone=UTC")
         .enableHiveSupport().getOrCreate())
spark.sparkContext.setLogLevel("ERROR")

U = "org.apache.hadoop.hive.ql.udf."
G = U + "generic."
HIVE = {
    "h_substr": U + "UDFSubstr", "h_sqrt": U + "UDFSqrt", "h_log": U + "UDFLog",
    "h_greatest": G + "GenericUDFGreatest", "h_least": G + "GenericUDFLeast",
    "h_array_contains": G + "GenericUDFArrayContains", "h_trunc": G + "GenericUDFTrunc",
    "h_add_months": G + "GenericUDFAddMonths", "h_std": G + "GenericUDAFStd",
    "h_variance": G + "GenericUDAFVariance", "h_split": G + "GenericUDFSplit",
    "h_mask": G + "GenericUDFMask", "h_hash": G + "GenericUDFHash",
    "h_histogram_numeric": G + "GenericUDAFHistogramNumeric",
    "h_percentile_approx": G + "GenericUDAFPercentileApprox",
    "h_regexp_extract": U + "UDFRegExpExtract", "h_lpad": G + "GenericUDFLpad",
    "h_unix_timestamp": G + "GenericUDFUnixTimeStamp", "h_str_to_map": G + "GenericUDFStringToMap",
    "h_floor_week": U + "UDFDateFloorWeek", "h_map": G + "GenericUDFMap", "h_collect_set": G + "GenericUDAFCollectSet",
    # functions that ran the same (the second part of hive_udf_cases.sql)
    "h_round": G + "GenericUDFRound", "h_bround": G + "GenericUDFBRound",
    "h_months_between": G + "GenericUDFMonthsBetween", "h_weekofyear": U + "UDFWeekOfYear",
    "h_datediff": G + "GenericUDFDateDiff", "h_to_date": G + "GenericUDFDate",
    "h_conv": U + "UDFConv", "h_format_number": G + "GenericUDFFormatNumber",
    "h_translate": G + "GenericUDFTranslate", "h_sentences": G + "GenericUDFSentences",
    "h_sort_array": G + "GenericUDFSortArray", "h_percentile": U + "UDAFPercentile",
    "h_nvl": G + "GenericUDFNvl", "h_char_length": G + "GenericUDFCharacterLength",
    "h_concat_ws": G + "GenericUDFConcatWS", "h_size": G + "GenericUDFSize",
    "h_instr": G + "GenericUDFInstr", "h_locate": G + "GenericUDFLocate",
    "h_corr": G + "GenericUDAFCorrelation", "h_quarter": G + "GenericUDFQuarter",
    "h_json": U + "UDFJson", "h_elt": G + "GenericUDFElt",
    "h_from_utc": G + "GenericUDFFromUtcTimestamp", "h_substring_index": G + "GenericUDFSubstringIndex",
    "h_crc32": U + "UDFCrc32", "h_sha2": G + "GenericUDFSha2", "h_levenshtein": G + "GenericUDFLevenshtein",
}
for name, cls in sorted(HIVE.items()):
    spark.sql(f"CREATE TEMPORARY FUNCTION {name} AS '{cls}'")

failed = 0
for line in open(sys.argv[1], encoding="utf-8"):
    q = line.strip()
    if not q or q.startswith("--"):
        continue
    try:
        df = spark.sql(q)
        print(q)
        print("  schema:", df.schema.simpleString())
        print("  =>", [tuple(r) for r in df.collect()])
    except Exception as e:  # a Hive class that throws is evidence too
        print(q)
        print("  error:", str(e).split("\n")[0][:300])
        failed += 1
print(f"# {failed} queries raised an error", file=sys.stderr)
