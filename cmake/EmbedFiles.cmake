# embed_files(TARGET_SOURCE_VAR OUTPUT_CPP NAMESPACE FILES...)
# Generates a .cpp that holds each file's bytes, so the sample ships inside the binary
# and works wherever logiplan is installed. Regenerated when a file changes.
function(embed_files out_var output_cpp)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${output_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output_cpp} -DBASE=${CMAKE_SOURCE_DIR}
            "-DFILES=${files}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${CMAKE_CURRENT_LIST_DIR} sample files"
    VERBATIM)
  set(${out_var} ${output_cpp} PARENT_SCOPE)
endfunction()
