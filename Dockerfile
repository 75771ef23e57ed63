# Build with the Maven wrapper, run on a JRE. The routes/ folder ships next to the jar so that
# integrators can mount their own over it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY routes routes
RUN ./mvnw -B -q package -DskipTests && cp target/solarprime-integration-*.jar /src/app.jar

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system --home /app solarprime
COPY --from=build /src/app.jar /app/app.jar
COPY routes /app/routes
USER solarprime
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
