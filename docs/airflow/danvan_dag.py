"""Airflow DAG: the Dân vận warehouse's nightly run and weekly maintenance on a Spark cluster.

Needs apache-airflow-providers-apache-spark and an Airflow connection `spark_danvan` whose host is
the cluster's master (spark://master:7077, yarn, k8s://…); the Airflow worker needs spark-submit
(Spark 4.2.0, Scala 2.13) and the application jar built by `mvn -B -DskipTests package` at
cluster/target/danvan-cluster.jar, copied to DANVAN_JAR below.

Exit codes of the job: 0 done (also when rows were quarantined), 1 the run failed (its cause is
the last line of the task log), 2 bad usage, 3 another run held the warehouse past --lock-wait.
Every run is idempotent, so retrying a failed or busy run is always safe.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

DANVAN_JAR = "/opt/danvan/danvan-cluster.jar"
PATHS = [
    "--landing", "s3a://danvan-lc/landing",
    "--reference", "s3a://danvan-lc/reference",
    "--warehouse", "s3a://danvan-lc/warehouse",
    # Review packs are written by the driver to its local disk: deploy in client mode.
    "--out", "/srv/danvan/out",
]

default_args = {
    "owner": "ban-dan-van",
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
}

with DAG(
    dag_id="danvan",
    description="Landing files → Delta bronze/silver/gold → review packs",
    schedule="15 2 * * *",  # 02:15 every night, after the districts' evening uploads
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # the job also locks the warehouse itself; this keeps Airflow tidy
    default_args=default_args,
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        conn_id="spark_danvan",
        application=DANVAN_JAR,
        java_class="vn.danvan.cli.Main",
        deploy_mode="client",
        application_args=["run", "--lock-wait", "30", *PATHS],
        conf={
            "spark.executor.memory": "4g",
            "spark.sql.shuffle.partitions": "64",
            # s3a credentials come from the instance profile or the environment, never from here.
            "spark.hadoop.fs.s3a.aws.credentials.provider":
                "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
        },
        execution_timeout=timedelta(hours=3),
    )


# Weekly housekeeping in a DAG of its own: retention, OPTIMIZE, VACUUM. If the nightly run still
# holds the warehouse, maintain waits for it (--lock-wait).
with DAG(
    dag_id="danvan_maintain",
    schedule="0 4 * * 0",  # Sundays 04:00
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
) as maintenance:
    SparkSubmitOperator(
        task_id="maintain",
        conn_id="spark_danvan",
        application=DANVAN_JAR,
        java_class="vn.danvan.cli.Main",
        deploy_mode="client",
        application_args=["maintain", "--lock-wait", "120", *PATHS],
        execution_timeout=timedelta(hours=3),
    )
