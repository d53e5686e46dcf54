# Only for deploy/image_check.sh: Debian's nginx on the same base, standing in for the nginx:1.27-bookworm image
# compose.yaml names, on a machine that reaches Debian's packages but not an image registry.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx-light && rm -rf /var/lib/apt/lists/*
CMD ["nginx", "-g", "daemon off;"]
