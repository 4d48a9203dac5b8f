// Stands in for `astronomia/data/vsop87Bearth`, Earth's orbit, read only by ./astronomia.mjs's Planet: see ./left-out.mjs.
export default {};
