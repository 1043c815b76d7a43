# logship as a container: build the jar with Maven, run it on a JRE as a non-root user, through
# bin/logship (the launcher): its class-data archive is made here, at image build time, by a
# training run, so the container starts as fast as a warm CLI run.
# Configure with flags or LOGSHIP_<OPTION> environment variables, e.g. LOGSHIP_REPO,
# LOGSHIP_REF, LOGSHIP_WEBHOOK_SECRET_FILE, LOGSHIP_API_TOKEN.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY scripts ./scripts
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/logship --create-home logship
COPY --from=build /src/target/logship.jar /opt/logship/target/logship.jar
COPY bin/logship /opt/logship/bin/logship
COPY examples/desired-state /opt/logship/examples/desired-state
# the training run: writes /opt/logship/cds/logship-<key>.jsa (read-only to the runtime user)
ENV LOGSHIP_CDS_DIR=/opt/logship/cds
RUN /opt/logship/bin/logship validate /opt/logship/examples/desired-state > /dev/null \
    && ls /opt/logship/cds/*.jsa
USER 10001
WORKDIR /var/lib/logship
ENV LOGSHIP_DATA_DIR=/var/lib/logship LOGSHIP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/opt/logship/bin/logship"]
CMD ["serve"]
