# Writes the meta-test zoo: public data sets from Debian's R packages that no default of Dropout.MLNet was chosen on
# (the meta-train zoo is manifest.txt: mlbench, sklearn's bundled sets, the penguins). Defaults are chosen on
# meta-train only; these are for reporting. Missing values as empty cells; factors as their labels.
#   apt-get install r-cran-mass r-cran-survival r-cran-dslabs r-cran-hsaur3 r-cran-mlmrev (R package mlmRev) r-cran-robustbase r-cran-psych r-cran-vcd r-cran-latticeextra r-cran-lme4
# Writes metatest.txt (classification: "file label") and metatest-regression.txt beside the CSVs.
# Kept out, as the project's independent checks: kernlab, modeldata, carData, AER, ggplot2, earth.
suppressMessages({ library(MASS); library(survival); library(dslabs); library(HSAUR3); library(mlmRev); library(robustbase); library(psych); library(vcd); library(latticeExtra); library(lme4) })
out <- function(d, name, label, manifest) {
  d <- as.data.frame(d)
  write.csv(d, paste0(name, ".csv"), row.names = FALSE, na = "")
  cat(paste0(name, ".csv ", label, "\n"), file = manifest, append = TRUE)
  cat(name, nrow(d), ncol(d), "\n")
}
unlink(c("metatest.txt", "metatest-regression.txt"))
cls <- "metatest.txt"; reg <- "metatest-regression.txt"
# Classification: 2 to 27 classes, 200 to 113,896 rows, numeric, categorical and missing values.
out(MASS::crabs[, -3], "Crabs", "sp", cls)                                   # index column dropped
out(MASS::Aids2, "Aids2", "status", cls)
out(MASS::Melanoma, "Melanoma", "status", cls)
out(MASS::survey, "Survey", "Smoke", cls)
out(MASS::bacteria, "Bacteria", "y", cls)
out(subset(survival::flchain, select = -chapter), "Flchain", "death", cls)   # chapter is written only for the dead
out(subset(survival::colon, select = -id), "Colon", "status", cls)
out(subset(survival::nwtco, select = -seqno), "Nwtco", "rel", cls)
out(subset(survival::rotterdam, select = -c(pid, death, dtime)), "Rotterdam", "recur", cls)
out(subset(survival::pbc, select = -id), "Pbc", "status", cls)
out(subset(survival::mgus2, select = -id), "Mgus2", "pstat", cls)
out(subset(survival::gbsg, select = -pid), "Gbsg", "status", cls)
out(subset(survival::retinopathy, select = -id), "Retinopathy", "status", cls)
out(dslabs::olive, "Olive", "region", cls)
out(dslabs::heights, "Heights", "sex", cls)
out(rbind(dslabs::mnist_27$train, dslabs::mnist_27$test), "Mnist27", "y", cls)
out(subset(dslabs::gapminder, !is.na(gdp), select = -country), "Gapminder", "continent", cls)
out(subset(HSAUR3::Forbes2000, select = -c(rank, name)), "Forbes2000", "category", cls)
out(HSAUR3::CHFLS, "Chfls", "R_happy", cls)
out(subset(HSAUR3::toenail, select = -patientID), "Toenail", "outcome", cls)
out(subset(HSAUR3::respiratory, select = -subject), "Respiratory", "status", cls)
out(subset(mlmRev::Contraception, select = -woman), "Contraception", "use", cls)
out(subset(mlmRev::Chem97, select = -c(lea, school, student)), "Chem97", "score", cls)
out(psych::bfi, "Bfi", "education", cls)
out(psych::sat.act, "SatAct", "gender", cls)
out(subset(dslabs::movielens, select = c(userId, movieId, year, genres, rating)), "Movielens", "rating", cls)
out(latticeExtra::gvhd10, "Gvhd10", "Days", cls)                             # flow cytometry: skewed numbers, 7 days
# Regression.
out(subset(mlmRev::Exam, select = -student), "Exam", "normexam", reg)
out(subset(mlmRev::ScotsSec, select = -c(primary)), "ScotsSec", "attain", reg)
out(subset(mlmRev::star, select = -c(id, sch)), "Star", "math", reg)
out(lme4::InstEval, "InstEval", "y", reg)                                      # ratings: student and lecturer ids, 73k rows
out(robustbase::NOxEmissions, "NOxEmissions", "LNOx", reg)
out(robustbase::condroz, "Condroz", "Ca", reg)
out(subset(vcd::Baseball, select = -c(name1, name2)), "Baseball", "sal87", reg)
out(MASS::nlschools, "Nlschools", "lang", reg)
out(subset(psych::sat.act, select = -SATV), "SatQuant", "SATQ", reg)
