// The sample a new user sees first: a three-service app that runs on a laptop but not on
// a control plane (a build context, a hard-coded database password, no health checks).
export const SAMPLE = `# A shop that runs with \`docker compose up\` on a laptop. Edit it, or open your own.
name: shop
services:
  web:
    image: nginx:latest
    ports:
      - "80:80"
    depends_on:
      - api
  api:
    build: ./api
    environment:
      DATABASE_URL: postgresql://shop:shop-password@db:5432/shop
      LOG_LEVEL: info
    depends_on:
      - db
  db:
    image: postgres
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: shop-password
    volumes:
      - db_data:/var/lib/postgresql/data
volumes:
  db_data:
`;
