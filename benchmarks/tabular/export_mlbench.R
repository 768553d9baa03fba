# Writes mlbench data sets (R package r-cran-mlbench) as CSV files in the working folder; missing values as empty cells.
library(mlbench)
sets <- c("Glass","Soybean","HouseVotes84","Vehicle","Sonar","Ionosphere","BreastCancer","PimaIndiansDiabetes","Vowel","Satellite","LetterRecognition","Shuttle","DNA","Zoo")
for (s in sets) { data(list=s); d <- get(s); if ("Id" %in% names(d)) d$Id <- NULL; write.csv(d, paste0(s, ".csv"), row.names=FALSE, na=""); cat(s, nrow(d), ncol(d), "\n") }
