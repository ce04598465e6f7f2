/** @type {import("next").NextConfig} */
const nextConfig = {
  // The core's page guard answers 403 with forbidden(), which Next 16 still keeps behind this flag.
  experimental: { authInterrupts: true },
};

export default nextConfig;
