# Build with the Maven wrapper, run on a JRE. The routes ship inside the jar; /app/routes is the
# integrator's folder (ROUTES_DIR): files there are added, or replace the shipped route of the same name.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests && cp target/solarprime-integration-*.jar /src/app.jar

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --home /app solarprime
COPY --from=build /src/app.jar /app/app.jar
COPY routes /app/routes
ENV ROUTES_DIR=/app/routes
USER solarprime
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
