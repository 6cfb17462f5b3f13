export { raw } from "./raw";
