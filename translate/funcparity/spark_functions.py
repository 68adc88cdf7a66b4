# Writes Spark's built-in function names (SHOW SYSTEM FUNCTIONS), one per
# line, to stdout, and the "spark-run" evidence of differences.tsv to
# stderr. Run with pyspark==3.5.9 (pip install pyspark==3.5.9, Java 17):
#   python translate/funcparity/spark_functions.py > translate/funcparity/spark35.txt
# and with pyspark==4.0.1 into spark40.txt.
import sys

from pyspark.sql import SparkSession

spark = SparkSession.builder.master("local[1]").appName("funcparity").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
print("# Spark", spark.version, "SHOW SYSTEM FUNCTIONS")
for row in sorted(r[0] for r in spark.sql("SHOW SYSTEM FUNCTIONS").collect()):
    print(row)

EVIDENCE = [
    "select std(x), stddev(x), stddev_samp(x), stddev_pop(x), variance(x), var_samp(x), var_pop(x)"
    " from values (1.0D), (2.0D), (3.0D), (4.0D) as t(x)",
    "select split('abc', '')",
]
for q in EVIDENCE:
    print(q, "=>", [tuple(r) for r in spark.sql(q).collect()], file=sys.stderr)
