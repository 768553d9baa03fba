# Writes meta-train sets whose categorical columns have many levels (schools, communities, pollsters, cows, states),
# for choosing how such columns are embedded: the meta-train zoo had no categorical feature of more than 8 levels.
# None of these tables is in the meta-test zoo (export_metatest.R). A factor whose labels are numbers (a school's
# number) is written with its column's name before them, so that it is read as the category R says it is.
#   apt-get install r-cran-mlmrev r-cran-lme4 r-cran-dslabs
# Writes categorical.txt (classification: "file label") and categorical-regression.txt beside the CSVs.
# Kept out, as the project's independent checks: kernlab, modeldata, carData, AER, ggplot2, earth.
suppressMessages({ library(mlmRev); library(lme4); library(dslabs) })
out <- function(d, name, label, manifest) {
  d <- as.data.frame(d)
  for (column in names(d)) {
    if (is.factor(d[[column]]) && column != label && !anyNA(suppressWarnings(as.numeric(levels(d[[column]]))))) {
      d[[column]] <- factor(paste0(column, "_", d[[column]]))
    }
    if (inherits(d[[column]], "Date")) d[[column]] <- as.numeric(d[[column]] - as.Date("2016-01-01"))
  }
  write.csv(d, paste0(name, ".csv"), row.names = FALSE, na = "")
  cat(paste0(name, ".csv ", label, "\n"), file = manifest, append = TRUE)
  cat(name, nrow(d), ncol(d), "\n")
}
unlink(c("categorical.txt", "categorical-regression.txt"))
cls <- "categorical.txt"; reg <- "categorical-regression.txt"
# Classification.
out(subset(mlmRev::guImmun, select = -kid), "GuImmun", "immun", cls)            # 161 communities, 1,595 mothers
out(subset(mlmRev::guPrenat, select = -kid), "GuPrenat", "prenat", cls)         # 161 clusters, 1,558 mothers
out(subset(lme4::VerbAgg, select = -r2), "VerbAgg", "resp", cls)                # 316 people, 24 items; r2 is resp cut in two
out(subset(dslabs::polls_us_election_2016, !is.na(grade), select = -c(adjpoll_clinton, adjpoll_trump, adjpoll_johnson, adjpoll_mcmullin)),
    "Polls2016", "grade", cls)                                                   # 196 pollsters, 57 states; 10 grades
# Regression.
out(mlmRev::Hsb82, "Hsb82", "mAch", reg)                                         # 160 schools
out(subset(mlmRev::bdf, select = -c(pupilNR, aritPOST)), "Bdf", "langPOST", reg)  # 131 schools
out(subset(mlmRev::egsingle, select = -childid), "Egsingle", "math", reg)         # 60 schools
out(subset(mlmRev::Gcsemv, !is.na(course), select = -written), "Gcsemv", "course", reg)  # 73 schools, 649 students
out(as.data.frame(nlme::Milk), "Milk", "protein", reg)                           # 79 cows
out(transform(subset(lme4::grouseticks, select = -c(INDEX, cHEIGHT)), TICKS = log1p(TICKS)), "Grouseticks", "TICKS", reg)  # 118 broods, 63 places
out(transform(dslabs::us_contagious_diseases, count = log1p(count)), "Contagious", "count", reg)  # 51 states, 7 diseases
