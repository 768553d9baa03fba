# Writes mlbench regression data sets (R package r-cran-mlbench) as CSV files in the working folder; missing values as empty cells.
library(mlbench)
for (s in c("BostonHousing", "Ozone", "Servo")) { data(list=s); d <- get(s); write.csv(d, paste0(s, ".csv"), row.names=FALSE, na=""); cat(s, nrow(d), ncol(d), "\n") }
