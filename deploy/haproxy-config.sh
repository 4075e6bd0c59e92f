#!/bin/sh
# Print the balancer's configuration for the given replicas:
#     sh deploy/haproxy-config.sh 127.0.0.1:8501 127.0.0.1:8502 > haproxy.cfg
# deploy/haproxy.cfg followed by one `server` line per replica; the cookie value is the
# replica's name (app1, app2, ...), which is all a browser learns about the deployment.
set -eu
here=$(dirname "$0")
cat "$here/haproxy.cfg"
i=0
for address in "$@"; do
    i=$((i + 1))
    echo "    server app$i $address cookie app$i"
done
