import { graphAsset, op } from "assetline";

const download_csv = op("download_csv", (ctx) => {
  ctx.log.info("Downloading file...");
  return "s3://bucket/data.csv";
});

const parse_csv = op("parse_csv", (ctx, filePath: string) => {
  ctx.log.info(`Parsing ${filePath}`);
  return [{ col1: "val1" }, { col1: "val2" }];
});

const validate_data = op("validate_data", (ctx, data: { col1: string }[]) => {
  ctx.log.info(`Validating ${data.length} records`);
  return data;
});

/** Final asset that encapsulates the entire process */
export const validated_sales_data = graphAsset({ group: "sales" }, () => validate_data(parse_csv(download_csv())));
