#!/bin/sh
# Written by `sessionpack init --ci aws-batch --shards @N@`: the week's build on AWS Batch, as
# an array job of @N@ shards (each with its AWS_BATCH_JOB_ARRAY_INDEX, which `--shard auto`
# reads with SESSIONPACK_SHARD_COUNT), then a merge job that runs once they all succeed.
#
# Before the first run: build sessionpack's image from the Dockerfile in its repository (the
# tool with typst inside: no job compiles anything), push it to ECR and set `image` in both
# JSON files beside this one; make an EFS file system holding project/ (a checkout of this
# project) and claimants/ (the week's lists: personal data, never in git), and set its ID in
# both files. The bundles end in the file system, under out/.
#   SESSIONPACK_JOB_QUEUE  the Batch job queue to run in
set -eu
cd "$(dirname "$0")"
: "${SESSIONPACK_JOB_QUEUE:?set SESSIONPACK_JOB_QUEUE to the AWS Batch job queue}"
aws batch register-job-definition --cli-input-json file://shard-job.json > /dev/null
aws batch register-job-definition --cli-input-json file://merge-job.json > /dev/null
shards=$(aws batch submit-job --job-name sessionpack-shards --job-queue "$SESSIONPACK_JOB_QUEUE" \
    --job-definition sessionpack-shard --array-properties size=@N@ --query jobId --output text)
aws batch submit-job --job-name sessionpack-merge --job-queue "$SESSIONPACK_JOB_QUEUE" \
    --job-definition sessionpack-merge --depends-on jobId="$shards" --query jobId --output text
