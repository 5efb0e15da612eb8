#!/bin/sh
# Written by `sessionpack init --ci kubernetes --shards @N@`: the week's build on Kubernetes,
# in @N@ shards, then their merge. Needs kubectl with access to the namespace, the image and
# the three volumes named in shards.yaml. The bundles end in sessionpack-shards, under out/.
set -eu
cd "$(dirname "$0")"
kubectl delete job sessionpack-shards sessionpack-merge --ignore-not-found
kubectl apply -f shards.yaml
kubectl wait --for=condition=complete --timeout=2h job/sessionpack-shards
kubectl apply -f merge.yaml
kubectl wait --for=condition=complete --timeout=1h job/sessionpack-merge
kubectl logs job/sessionpack-merge
