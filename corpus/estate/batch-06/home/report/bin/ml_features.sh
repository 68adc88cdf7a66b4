#!/bin/bash
# 機械学習用の特徴量 (Spark ジョブ)
set -eu
DT=${1:-$(date -d '1 day ago' +%Y-%m-%d)}
spark-submit --master yarn --deploy-mode cluster --class jp.example.ml.Features \
  --conf spark.executor.memory=8g /opt/jobs/ml-features.jar --date ${DT} --input dwh.user_segments --output dwh.ml_features
spark-sql --hivevar dt=${DT} -e "INSERT OVERWRITE TABLE mart.ml_scores SELECT user_id, score FROM dwh.ml_features WHERE dt = '${DT}'"
