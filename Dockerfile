# Redoubt container image: a layered Spring Boot application on a JRE, run as a non-root user.
#   docker build -t redoubt:0.1.0 .
#   docker run --rm -p 6380:6380 -v "$PWD/tls:/etc/redoubt/tls:ro" -v "$PWD/conf:/etc/redoubt/config:ro" redoubt:0.1.0
# Configuration: an application.yml in /etc/redoubt/config/ (optional), a redis.conf named by
# REDOUBT_CONFIGFILE / --redoubt.config-file, REDOUBT_<DIRECTIVE> variables or arguments.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# dependencies first, so that a source change does not download them again
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -ntp -q package -DskipTests \
 && java -Djarmode=tools -jar target/redoubt.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
# a fixed UID/GID, matched by the Helm chart's securityContext (runAsUser 10001, fsGroup 10001)
RUN groupadd --system --gid 10001 redoubt \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin redoubt \
 && mkdir -p /data /etc/redoubt/config /etc/redoubt/tls \
 && chown 10001:10001 /data
WORKDIR /opt/redoubt
# least to most often changed, one image layer each
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# No application.yml is shipped: the repository's top-level one sets redoubt.dev-certs-dir, which
# generates development certificates, and production must never do that. Defaults are Redis's
# (plain port 6379, protected-mode yes: only loopback clients until a password or mutual TLS is set).
ENV REDOUBT_DIR=/data \
    SPRING_CONFIG_ADDITIONAL_LOCATION=optional:/etc/redoubt/config/
VOLUME ["/data"]
# client, TLS, cluster bus, management (Actuator)
EXPOSE 6379 6380 16379 8080
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
